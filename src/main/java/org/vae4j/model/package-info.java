/**
 * The variational autoencoder of the lab reports (an MLP encoder to a diagonal Gaussian, an MLP decoder to
 * Bernoulli logits), its negative ELBO, and its model file; and the MLP digit classifier that judges its
 * images, with its own file. Depends on {@code nn} and {@code data}.
 */
package org.vae4j.model;
