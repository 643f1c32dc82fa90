package org.vae4j;

import java.io.IOException;
import java.io.InputStream;

/** The committed seed corpus of a fuzz test, so that plain tests can check that its valid seeds are read. */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  /** src/test/resources/<test's package>/<test's name>Inputs/<method>/<name>. */
  public static byte[] read(Class<?> test, String method, String name) throws IOException {
    String resource = test.getSimpleName() + "Inputs/" + method + "/" + name;
    try (InputStream in = test.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("no seed " + resource + " beside " + test.getName());
      }
      return in.readAllBytes();
    }
  }
}
