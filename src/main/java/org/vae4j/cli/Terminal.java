package org.vae4j.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is an interactive terminal, on Java 17 and on 22+ (where console() is never null). */
final class Terminal {
  private Terminal() {}

  static boolean isInteractive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before Java 22, a console exists only for a terminal
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
