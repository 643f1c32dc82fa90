/**
 * The network's building blocks: a flat parameter block, layers with their forward and backward side by
 * side, the loss pieces, Adam, the random source and the GEMM engines. Depends on nothing else in vae4j
 * but {@link org.vae4j.UserError}.
 *
 * <p>Letters in shape comments: B = batch size, in/out = a layer's input/output width, P = pixels per
 * image, H = hidden width, d = latent dimensions, C = classes.
 */
package org.vae4j.nn;
