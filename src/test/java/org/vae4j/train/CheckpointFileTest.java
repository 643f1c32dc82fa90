package org.vae4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.UserError;
import org.vae4j.model.TestModels;
import org.vae4j.model.Vae;
import org.vae4j.nn.ReferenceGemm;
import org.vae4j.nn.Rng;
import org.vae4j.nn.SafeTensors;

/** checkpoint.safetensors: everything a resume needs comes back exactly; a tampered one is refused in one line. */
class CheckpointFileTest {
  @TempDir
  Path dir;

  private final RunConfig config = TestRuns.config(TestModels.mlp(6, 4, 2), 3);
  private final Vae vae = new Vae(config.model().architecture(), new ReferenceGemm());
  private final EpochMetrics epoch1 = TestRuns.epoch(1, 200.5, 190.25, 170.0, 20.25, 1.5, 1000, 180.0, 20.5);

  private Path saved() {
    vae.init(new Rng(4));
    int p = vae.parameters().size();
    float[] m = new float[p];
    float[] v = new float[p];
    for (int i = 0; i < p; i++) {
      m[i] = i * 0.5f;
      v[i] = i * 0.25f;
    }
    TrainState state = new TrainState(1, 17, m, v, new long[] {1, -2, Long.MAX_VALUE, Long.MIN_VALUE},
        new int[] {2, 0, 1});
    Path file = dir.resolve("checkpoint.safetensors");
    CheckpointFile.save(file, vae, state, config, List.of(epoch1));
    return file;
  }

  @Test
  void roundTripIsExact() {
    CheckpointFile.Checkpoint c = CheckpointFile.load(saved());
    assertThat(c.params()).containsExactly(vae.parameters().values());
    assertThat(c.state().epoch()).isEqualTo(1);
    assertThat(c.state().adamStep()).isEqualTo(17);
    assertThat(c.state().m()[3]).isEqualTo(1.5f);
    assertThat(c.state().v()[3]).isEqualTo(0.75f);
    assertThat(c.state().rng()).containsExactly(1, -2, Long.MAX_VALUE, Long.MIN_VALUE);
    assertThat(c.state().order()).containsExactly(2, 0, 1);
    assertThat(c.config()).isEqualTo(config);
    assertThat(c.metrics()).containsExactly(epoch1);
  }

  /** Rewrites the saved file's JSON metadata with one replacement. */
  private Path tampered(String from, String to) {
    Path file = saved();
    SafeTensors.Contents c = SafeTensors.read(file);
    String json = c.metadata().get("checkpoint");
    assertThat(json).contains(from);
    SafeTensors.write(file, c.tensors(), Map.of("checkpoint", json.replace(from, to)));
    return file;
  }

  @Test
  void rejectsTamperedOrInconsistentCheckpoints() {
    assertRejected(tampered("\"order\":[2,0,1]", "\"order\":[2,2,1]"), "not a permutation");
    assertRejected(tampered("\"order\":[2,0,1]", "\"order\":[2,0,3]"), "not a permutation");
    assertRejected(tampered("\"version\":2", "\"version\":3"), "version 3 is not supported");
    assertRejected(tampered("\"hidden\":4", "\"hidden\":5"), "holds " + vae.parameters().size()
        + " parameters, but its options describe a model of");
    assertRejected(tampered("\"epoch\":1,", "\"epoch\":2,"), "expected the metrics of 2 epochs");
    assertRejected(tampered("\"rng\":[1,", "\"rng\":[1.5,"), "rng state is not four 64-bit integers");
    assertRejected(tampered("\"adam_step\":17", "\"adam_step\":-1"), "adam_step or rng");

    Path file = saved();
    SafeTensors.Contents c = SafeTensors.read(file);
    Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>(c.tensors());
    float[] params = tensors.get("params").data().clone();
    params[0] = Float.NaN;
    tensors.put("params", new SafeTensors.Entry(new int[] {params.length}, params));
    SafeTensors.write(file, tensors, c.metadata());
    assertRejected(file, "NaN or infinite parameter");

    tensors.remove("adam.v");
    SafeTensors.write(file, tensors, c.metadata());
    assertRejected(file, "adam.v is missing");
  }

  private static void assertRejected(Path file, String message) {
    assertThatThrownBy(() -> CheckpointFile.load(file)).isExactlyInstanceOf(UserError.class)
        .hasMessageStartingWith(file + ": not a valid vae4j checkpoint").hasMessageContaining(message)
        .hasMessageNotContaining("\n");
  }
}
