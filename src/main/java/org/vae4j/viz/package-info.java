/**
 * Figures of a trained VAE as PNG (and one GIF) files, drawn with plain Java2D and written with ImageIO:
 * reconstructions, the manifold, the latent scatter, prior and posterior samples, interpolations, training
 * curves and the architecture; ROC curves and score histograms of anomaly scores; with the small numerical
 * helpers they need (inverse normal CDF, PCA).
 * Every figure comes from a fixed seed. Depends on {@code train}, {@code model}, {@code nn} and {@code data}.
 *
 * <p>Letters in shape comments: N = images, P = pixels per image, d = latent dimensions.
 */
package org.vae4j.viz;
