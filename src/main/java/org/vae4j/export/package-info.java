/**
 * Exports a model for other runtimes: ONNX files of its encoder and decoder, written from the model's
 * {@link org.vae4j.model.Architecture} layer by layer ({@link org.vae4j.export.OnnxLayers} maps each kind of
 * layer to ONNX nodes, in one place). Depends on {@code model} and {@code nn}.
 */
package org.vae4j.export;
