package org.vae4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/reliability.md promises that every row of its table is backed by a test: every row names at least
 * one, and every test it names exists (so a renamed or deleted test breaks the build, not the promise).
 */
class ReliabilityDocTest {
  @Test
  void everyRowNamesExistingTests() throws IOException, ClassNotFoundException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("docs/reliability.md"))) {
      if (line.matches("^\\| \\d+ \\|.*")) {
        rows.add(line);
      }
    }
    assertThat(rows).hasSizeGreaterThan(30);
    for (String row : rows) {
      String[] cells = row.split(" \\| ");
      String tests = cells[cells.length - 1];
      Matcher m = Pattern.compile("`([a-zA-Z.]*[A-Z]\\w*)?(#\\w+)?`").matcher(tests);
      Class<?> current = null;
      int named = 0;
      while (m.find()) {
        if (m.group(1) != null) {
          current = Class.forName("org.vae4j." + m.group(1));
        }
        assertThat(current).as(row).isNotNull();
        if (m.group(2) != null) {
          String method = m.group(2).substring(1);
          assertThat(Arrays.stream(current.getDeclaredMethods()).map(Method::getName))
              .as("%s in row: %s", method, row).contains(method);
        }
        named++;
      }
      assertThat(named).as("row names a test: " + row).isPositive();
    }
  }
}
