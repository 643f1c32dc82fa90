/**
 * The models: the {@link org.vae4j.model.Vae} runtime that computes any {@link org.vae4j.model.Architecture}
 * a {@link org.vae4j.model.ModelKind} declares (the lab reports' MLP, the conditional MLP), the decoder's
 * {@link org.vae4j.model.Likelihood}, the training {@link org.vae4j.model.Objective}s (the beta-weighted
 * negative ELBO, the IWAE bound), the model file, {@link org.vae4j.model.VaeModel} (a loaded model for
 * applications, used from many threads at once); and the MLP digit classifier that judges a VAE's images,
 * with its own file. Depends on {@code nn} and {@code data}.
 */
package org.vae4j.model;
