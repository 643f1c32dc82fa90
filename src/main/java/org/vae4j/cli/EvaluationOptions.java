package org.vae4j.cli;

import java.nio.file.Path;
import org.vae4j.UsageError;
import org.vae4j.eval.ClassifierCache;
import picocli.CommandLine.Option;

/** --iw, --prior-samples and --classifier-cache, shared by the commands that evaluate models. */
final class EvaluationOptions {
  static final int IMPORTANCE_SAMPLES = 1000;
  static final int PRIOR_SAMPLES = 10_000;

  @Option(names = "--iw", paramLabel = "K", description = "Importance samples per test image for the "
      + "log-likelihood; 0 skips it (default: " + IMPORTANCE_SAMPLES + "; the literature quotes 5000)")
  Integer importanceSamples;

  @Option(names = "--prior-samples", paramLabel = "N", description = "Images decoded from the prior for the "
      + "sample-quality numbers (default: " + PRIOR_SAMPLES + ")")
  Integer priorSamples;

  @Option(names = "--classifier-cache", paramLabel = "DIR", description = "Where the digit classifier that judges "
      + "samples is cached (default: $XDG_CACHE_HOME/vae4j/classifier or ~/.cache/vae4j/classifier)")
  Path classifierCache;

  /** --iw, or fallback when not given. */
  int importanceSamples(int fallback) {
    int k = importanceSamples != null ? importanceSamples : fallback;
    if (k < 0) {
      throw new UsageError("--iw must be 0 (skip) or more, got " + k);
    }
    return k;
  }

  /** --prior-samples, or fallback when not given. */
  int priorSamples(int fallback) {
    int n = priorSamples != null ? priorSamples : fallback;
    if (n < 2) {
      throw new UsageError("--prior-samples must be at least 2, got " + n);
    }
    return n;
  }

  Path classifierCache() {
    return classifierCache != null ? classifierCache : ClassifierCache.defaultDir();
  }
}
