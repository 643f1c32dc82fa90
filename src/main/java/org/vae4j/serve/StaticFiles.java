package org.vae4j.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page's files, read once from the jar (org/vae4j/web/): a fixed list, so nothing else can be served,
 * whatever the path. A path with "..", a backslash or an escape is refused as an attempted traversal.
 */
final class StaticFiles {
  /** The files and their types; "/" is index.html. */
  private static final Map<String, String> TYPES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "explorer.js", "text/javascript; charset=utf-8",
      "latent-map.js", "text/javascript; charset=utf-8",
      "style.css", "text/css; charset=utf-8");
  static final String RESOURCES = "/org/vae4j/web/";

  /** A file's bytes and content type. */
  record File(byte[] bytes, String type) {}

  private final Map<String, File> files = new LinkedHashMap<>();

  StaticFiles() {
    TYPES.forEach((name, type) -> files.put(name, new File(resource(name), type)));
  }

  /** The bytes of a resource of the page, e.g. "latent-map.js" (also embedded in reports). */
  static byte[] resource(String name) {
    try (InputStream in = StaticFiles.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + RESOURCES + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file at a raw request path; an ApiError 400 (traversal) or 404 (no such file) otherwise. */
  File lookup(String rawPath) {
    if (rawPath.contains("..") || rawPath.contains("\\") || rawPath.contains("%") || rawPath.contains("//")) {
      throw ApiError.badRequest("path refused: '" + Text.abbreviate(rawPath) + "' tries to leave the page's folder");
    }
    String name = rawPath.equals("/") ? "index.html" : rawPath.substring(1);
    File file = files.get(name);
    if (file == null) {
      throw new ApiError(404, "no such file: " + Text.abbreviate(rawPath));
    }
    return file;
  }
}
