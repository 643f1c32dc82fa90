/**
 * Anomaly and out-of-distribution scores of images under any VAE, through the model seam: the negative ELBO,
 * the importance-weighted negative log-likelihood, the reconstruction loss, and the likelihood ratio against
 * a background model (Ren et al. 2019) that corrects the likelihood for what all images share; the exact
 * AUROC (Mann-Whitney, with ties) and ROC curve of a score; thresholds; the scores' CSV file. Depends on
 * {@code eval}, {@code model}, {@code nn} and {@code data}.
 *
 * <p>Every score is oriented the same way: higher means more anomalous.
 */
package org.vae4j.anomaly;
