package org.vae4j.viz;

/**
 * One written figure: its name (as given to --only), its file name in the figures folder, a short title,
 * and a one-sentence caption saying what it shows and how it was made.
 */
public record Figure(String name, String file, String title, String caption) {}
