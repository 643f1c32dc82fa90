/**
 * Evaluation of trained models with numbers: the negative ELBO with K samples, the importance-weighted
 * log-likelihood, active units, how well the latent means predict labels (kNN, logistic regression), and
 * the quality of samples judged by a digit classifier vae4j trains itself (Frechet distance of its
 * features, class histogram). Depends on {@code train}, {@code model}, {@code nn} and {@code data}.
 */
package org.vae4j.eval;
