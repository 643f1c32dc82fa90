package org.vae4j.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.vae4j.data.Dataset;
import org.vae4j.data.DatasetProvider;
import org.vae4j.data.ImageSet;
import org.vae4j.model.ModelFile;
import org.vae4j.model.Vae;
import org.vae4j.nn.Gemm;
import org.vae4j.nn.GemmEngines;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.Rng;

/**
 * How closely ONNX Runtime reproduces a trained model: exports RUN_DIR's model, runs both files on every
 * test image of its dataset and on as many prior codes, and prints each output's largest difference from
 * vae4j's (bench/onnx-agreement.sh RUN_DIR [DATA_DIR] [ENGINE]).
 */
public final class OnnxAgreement {
  private static final int BATCH = 500;

  private OnnxAgreement() {}

  public static void main(String[] args) throws Exception {
    Path run = Path.of(args[0]);
    Path data = args.length > 1 ? Path.of(args[1]) : null;
    String engine = args.length > 2 ? args[2] : GemmEngines.AUTO;
    try (Parallel parallel = new Parallel(2)) {
      Gemm gemm = GemmEngines.create(engine, parallel, System.err);
      ModelFile.Loaded loaded = ModelFile.load(run.resolve(ModelFile.NAME), gemm, parallel);
      Vae vae = loaded.vae();
      Path out = Files.createTempDirectory("vae4j-onnx");
      OnnxExport.write(out, vae, loaded.config());
      Dataset dataset = DatasetProvider.load(loaded.config().path("dataset").asText("mnist"), data, System.err);
      ImageSet test = dataset.test();
      int n = test.count();
      int d = vae.latent();
      int p = vae.input();
      float[][] ours = {new float[n * d], new float[n * d], new float[n * p]};
      float[][] theirs = {new float[n * d], new float[n * d], new float[n * p]};
      Rng rng = new Rng(1);
      long start = System.nanoTime();
      try (OnnxRuntimeSession encoder = new OnnxRuntimeSession(out.resolve(OnnxExport.ENCODER_FILE));
           OnnxRuntimeSession decoder = new OnnxRuntimeSession(out.resolve(OnnxExport.DECODER_FILE))) {
        float[] x = new float[BATCH * p];
        int[] labels = new int[BATCH];
        float[] z = new float[BATCH * d];
        for (int from = 0; from < n; from += BATCH) {
          int b = Math.min(BATCH, n - from);
          test.toFloats(from, b, x);
          long[] label = null;
          if (vae.conditional()) {
            test.labels(from, b, labels);
            label = Arrays.stream(labels, 0, b).asLongStream().toArray();
          }
          float[] xb = Arrays.copyOf(x, b * p);
          vae.encode(xb, vae.conditional() ? labels : null, b);
          System.arraycopy(vae.mean(), 0, ours[0], from * d, b * d);
          System.arraycopy(vae.logvar(), 0, ours[1], from * d, b * d);
          Map<String, float[]> encoded = encoder.run(Map.of("x", xb), b, label);
          System.arraycopy(encoded.get("mean"), 0, theirs[0], from * d, b * d);
          System.arraycopy(encoded.get("logvar"), 0, theirs[1], from * d, b * d);
          rng.fillGaussian(z, 0, b * d);
          float[] zb = Arrays.copyOf(z, b * d);
          System.arraycopy(vae.decode(zb, vae.conditional() ? labels : null, b), 0, ours[2], from * p, b * p);
          System.arraycopy(decoder.run(Map.of("z", zb), b, label).get("pixels"), 0, theirs[2], from * p, b * p);
        }
      }
      System.out.printf(Locale.ROOT, "%s (%s %s, engine %s): %,d test images and %,d prior codes in %.1f s%n", run,
          vae.spec().kind(), vae.spec().sizes(), gemm.name(), n, n, (System.nanoTime() - start) / 1e9);
      String[] names = {"mean", "logvar", "pixels"};
      for (int i = 0; i < 3; i++) {
        System.out.println("  " + Agreement.of(names[i], theirs[i], ours[i]));
      }
    }
  }
}
