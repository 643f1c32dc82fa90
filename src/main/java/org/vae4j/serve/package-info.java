/**
 * vae4j serve: a local web page to explore trained models' latent spaces, and its JSON API (docs/serve.md).
 * The JDK's HTTP server; the page's files are resources of the jar, so it works offline. At the top of the
 * dependency graph beside cli: it may use every package but cli, and only reads run folders.
 */
package org.vae4j.serve;
