package org.vae4j.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.vae4j.FileFuzzing;
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
}
