import org.vae4j.model.*;
import org.vae4j.nn.*;
import java.lang.management.*;
var tm = ManagementFactory.getThreadMXBean();
for (String engine : new String[]{"native", "java-vector"}) {
  Gemm gemm = engine.equals("native") ? NativeGemm.load(Parallel.SERIAL) : new VectorGemm(Parallel.SERIAL);
  var rng = new Rng(1);
  var vae = new Vae(ModelSpec.mlp(28, 28, 512, 20).architecture(), gemm);
  vae.init(rng);
  var elbo = new Elbo(vae);
  var adam = new Adam(vae.parameters().size(), 1e-3);
  int B = 128;
  float[] x = new float[B * 784];
  for (int i = 0; i < x.length; i++) x[i] = (int) (rng.nextFloat() * 256) / 255f;
  float[] eps = new float[B * 20];
  double best = Double.MAX_VALUE;
  for (int round = 0; round < 10; round++) {
    long t0 = tm.getCurrentThreadCpuTime();
    for (int s = 0; s < 150; s++) {
      rng.fillGaussian(eps, 0, eps.length);
      elbo.forward(x, null, eps, B); elbo.zeroGrad(); elbo.backward();
      adam.step(vae.parameters().values(), vae.parameters().grads());
    }
    double sec = (tm.getCurrentThreadCpuTime() - t0) / 1e9;
    if (round > 0) best = Math.min(best, sec);
  }
  System.out.printf("RESULT after %s %.0f%n", engine, 150 * B / best);
}
/exit
