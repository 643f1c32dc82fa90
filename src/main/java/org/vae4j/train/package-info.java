/**
 * Training: the options, the loop over epochs and batches, progress output and the per-epoch metrics
 * file. Depends on {@code model}, {@code nn} and {@code data}.
 */
package org.vae4j.train;
