package org.vae4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import org.vae4j.InvalidSetting;
import org.vae4j.UserError;

/**
 * What a VAE is trained to minimize: "elbo", the negative ELBO with its KL term weighted by beta (1: the lab
 * reports' loss) and that weight growing linearly from 0 over the first klWarmup epochs; or "iwae", the
 * importance-weighted bound with k samples per image. Stored in run configurations and model files.
 */
public record ObjectiveSpec(String name, double beta, int klWarmup, int k) {
  public static final String ELBO = "elbo";
  public static final String IWAE = "iwae";
  /** The lab reports' objective. */
  public static final ObjectiveSpec NELBO = new ObjectiveSpec(ELBO, 1, 0, 1);

  public ObjectiveSpec {
    if (!name.equals(ELBO) && !name.equals(IWAE)) {
      throw new InvalidSetting("objective", "must be " + ELBO + " or " + IWAE + ", got '" + name + "'");
    }
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new InvalidSetting("beta", "must be a number >= 0 (the KL term's weight), got " + beta);
    }
    InvalidSetting.atLeast("kl_warmup", klWarmup, 0);
    InvalidSetting.atLeast("k", k, 1);
    if (name.equals(IWAE) && beta != 1) {
      throw new InvalidSetting("beta", "weights the KL term of the " + ELBO + " objective; " + IWAE + " has none");
    }
    if (name.equals(IWAE) && klWarmup != 0) {
      throw new InvalidSetting("kl_warmup", "anneals the KL term of the " + ELBO + " objective; " + IWAE
          + " has none");
    }
    if (name.equals(ELBO) && k != 1) {
      throw new InvalidSetting("k", "is the sample count of the " + IWAE + " objective; " + ELBO + " takes 1");
    }
  }

  /** The beta-weighted negative ELBO, annealed over klWarmup epochs (0: not annealed). */
  public static ObjectiveSpec elbo(double beta, int klWarmup) {
    return new ObjectiveSpec(ELBO, beta, klWarmup, 1);
  }

  /** The importance-weighted bound with k samples. */
  public static ObjectiveSpec iwae(int k) {
    return new ObjectiveSpec(IWAE, 1, 0, k);
  }

  /** Whether this is the plain negative ELBO, whose value is the test -ELBO every run reports anyway. */
  public boolean isPlainElbo() {
    return name.equals(ELBO) && beta == 1 && klWarmup == 0;
  }

  /** The objective on vae. */
  public Objective create(Vae vae) {
    return name.equals(IWAE) ? new Iwae(vae, k) : new Elbo(vae, beta);
  }

  /**
   * The KL weight of the step that follows `step` earlier ones: beta, or during warm-up beta times the
   * fraction of the warm-up's steps done.
   */
  public double betaAt(long step, long stepsPerEpoch) {
    long warmupSteps = klWarmup * stepsPerEpoch;
    return step >= warmupSteps ? beta : beta * step / warmupSteps;
  }

  /** A short name for logs and tables, e.g. "-ELBO", "beta-VAE (beta 4)", "IWAE (K = 5)". */
  public String describe() {
    if (name.equals(IWAE)) {
      return "IWAE (K = " + k + ")";
    }
    if (isPlainElbo()) {
      return "-ELBO";
    }
    String warmup = klWarmup > 0 ? ", KL warm-up " + klWarmup + " epoch" + (klWarmup == 1 ? "" : "s") : "";
    return String.format(Locale.ROOT, "-ELBO, beta %s%s", number(beta), warmup);
  }

  /** 4 as "4", 0.5 as "0.5". */
  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e9 ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** Writes "objective", "beta", "kl_warmup" and "k" into a file's JSON config. */
  public void writeTo(ObjectNode config) {
    config.put("objective", name);
    config.put("beta", beta);
    config.put("kl_warmup", klWarmup);
    config.put("k", k);
  }

  /** The objective in a file's JSON config; files from before there were objectives hold the plain -ELBO. */
  public static ObjectiveSpec read(Path file, JsonNode config) {
    JsonNode beta = config.path("beta");
    if (!beta.isMissingNode() && !beta.isNumber()) {
      throw new UserError(file + ": config field 'beta' must be a number, got " + ParameterFile.abbreviate(beta.toString()));
    }
    try {
      return new ObjectiveSpec(config.path("objective").asText(ELBO), beta.asDouble(1),
          config.has("kl_warmup") ? nonNegative(file, config, "kl_warmup") : 0,
          config.has("k") ? ParameterFile.intField(file, config, "k") : 1);
    } catch (InvalidSetting e) {
      throw new UserError(file + ": config field '" + e.setting() + "' " + e.problem());
    }
  }

  private static int nonNegative(Path file, JsonNode config, String name) {
    JsonNode value = config.get(name);
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
      throw new UserError(file + ": config field '" + name + "' must be an integer >= 0, got "
          + ParameterFile.abbreviate(value.toString()));
    }
    return value.asInt();
  }
}
