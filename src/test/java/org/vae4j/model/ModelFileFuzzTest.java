package org.vae4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.vae4j.FileFuzzing;
import org.vae4j.FuzzSeeds;
import org.vae4j.nn.ReferenceGemm;

/**
 * Fuzzes model loading (safetensors, then the config and its agreement with the tensors). Only UserError,
 * in one line, may come out; a config announcing a huge model must not be allocated. The seed corpus is in
 * src/test/resources/org/vae4j/model/ModelFileFuzzTestInputs/loadsOrRefuses.
 */
class ModelFileFuzzTest extends FileFuzzing {
  @FuzzTest(maxDuration = "5m")
  void loadsOrRefuses(byte[] input) throws IOException {
    readOrRefuse(input, file -> ModelFile.load(file, new ReferenceGemm()));
  }

  /** A fuzz test passes as well for a reader that refuses everything: the valid seeds must load. */
  @Test
  void theValidSeedsLoad() throws IOException {
    for (String seed : new String[] {"valid", "valid-v2"}) {
      ModelFile.Loaded loaded = readOrRefuse(FuzzSeeds.read(ModelFileFuzzTest.class, "loadsOrRefuses", seed),
          file -> ModelFile.load(file, new ReferenceGemm()));
      assertThat(loaded).as(seed).isNotNull();
      assertThat(loaded.vae().spec()).as(seed).isEqualTo(ModelSpec.mlp(2, 2, 3, 2));
    }
    ModelFile.Loaded conditional = readOrRefuse(FuzzSeeds.read(ModelFileFuzzTest.class, "loadsOrRefuses",
        "valid-v2-cvae"), file -> ModelFile.load(file, new ReferenceGemm()));
    assertThat(conditional).isNotNull();
    assertThat(conditional.vae().spec()).isEqualTo(new ModelSpec("cvae", 2, 2, 3, 2, 3, java.util.List.of()));
  }
}
