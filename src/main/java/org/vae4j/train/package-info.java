/**
 * Training: the options, the loop over epochs and batches (with its NaN/Inf guard and gradient clipping),
 * progress output, the per-epoch metrics file and the checkpoint a run resumes from. Depends on
 * {@code model}, {@code nn} and {@code data}.
 */
package org.vae4j.train;
