/**
 * The experiment that compares latent sizes, and its report: trains one model per size (through
 * {@code train}), draws each model's figures (through {@code viz}), and writes report.html (self-contained)
 * and report.md; and the anomaly benchmark (one-class and out-of-distribution AUROC through {@code anomaly})
 * with its report. Depends on {@code viz}, {@code anomaly}, {@code eval}, {@code train}, {@code model},
 * {@code nn} and {@code data}.
 */
package org.vae4j.report;
