package org.vae4j.nn;

/** Adam (Kingma and Ba), computed exactly as torch.optim.Adam does, in one loop over the parameter block. */
public final class Adam {
  private double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final float[] m;
  private final float[] v;
  private final Parallel parallel;
  private long step;

  public Adam(int size, double lr, double beta1, double beta2, double eps, Parallel parallel) {
    this.parallel = parallel;
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.m = new float[size];
    this.v = new float[size];
  }

  /** The defaults of PyTorch and of the lab reports: betas 0.9 and 0.999, eps 1e-8. */
  public Adam(int size, double lr, Parallel parallel) {
    this(size, lr, 0.9, 0.999, 1e-8, parallel);
  }

  public Adam(int size, double lr) {
    this(size, lr, Parallel.SERIAL);
  }

  // params, grads: (size); updates params and the moments
  public void step(float[] params, float[] grads) {
    step++;
    double biasCorrection1 = 1 - Math.pow(beta1, step);
    double biasCorrection2 = 1 - Math.pow(beta2, step);
    // Scalars rounded to float as PyTorch's float kernels round them.
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float oneMinusB1 = (float) (1 - beta1);
    float oneMinusB2 = (float) (1 - beta2);
    float epsilon = (float) eps;
    float stepSize = (float) (lr / biasCorrection1);
    float correction2Sqrt = (float) Math.sqrt(biasCorrection2);
    parallel.forRange(params.length, 1 << 15, (from, to) -> {
      for (int i = from; i < to; i++) {
        float g = grads[i];
        m[i] = m[i] * b1 + oneMinusB1 * g;
        v[i] = v[i] * b2 + oneMinusB2 * g * g;
        float denom = (float) Math.sqrt(v[i]) / correction2Sqrt + epsilon;
        params[i] -= stepSize * (m[i] / denom);
      }
    });
  }

  /** Changes the learning rate from the next step on, for a schedule that decays it. */
  public void setLearningRate(double lr) {
    this.lr = lr;
  }

  public long stepCount() {
    return step;
  }

  /** The first moments m, (size): the optimizer's own array, for checkpoints; do not change it. */
  public float[] firstMoments() {
    return m;
  }

  /** The second moments v, (size): the optimizer's own array, for checkpoints; do not change it. */
  public float[] secondMoments() {
    return v;
  }

  /** Continues from a checkpoint: the step count and copies of both moments. */
  public void restore(long step, float[] m, float[] v) {
    if (step < 0 || m.length != this.m.length || v.length != this.v.length) {
      throw new IllegalArgumentException("Adam state of " + m.length + "/" + v.length + " values at step "
          + step + " does not fit " + this.m.length + " parameters");
    }
    this.step = step;
    System.arraycopy(m, 0, this.m, 0, m.length);
    System.arraycopy(v, 0, this.v, 0, v.length);
  }
}
