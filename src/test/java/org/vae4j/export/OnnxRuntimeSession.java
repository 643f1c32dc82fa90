package org.vae4j.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** An exported file run in ONNX Runtime: float (N, width) and int64 (N) inputs by name, float outputs by name. */
public final class OnnxRuntimeSession implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;

  public OnnxRuntimeSession(Path file) throws OrtException {
    session = env.createSession(file.toString(), new OrtSession.SessionOptions());
  }

  /** The file's metadata_props. */
  public Map<String, String> metadata() throws OrtException {
    return session.getMetadata().getCustomMetadata();
  }

  /** The input names and their shapes, -1 for the batch. */
  public Map<String, long[]> inputs() throws OrtException {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    session.getInputInfo().forEach((name, info) ->
        shapes.put(name, ((ai.onnxruntime.TensorInfo) info.getInfo()).getShape()));
    return shapes;
  }

  // floats: name -> (n, width) values; labels: (n) or null -> every output as a flat float array
  public Map<String, float[]> run(Map<String, float[]> floats, int n, long[] labels) throws OrtException {
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      for (Map.Entry<String, float[]> e : floats.entrySet()) {
        feed.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()),
            new long[] {n, e.getValue().length / n}));
      }
      if (labels != null) {
        feed.put("label", OnnxTensor.createTensor(env, LongBuffer.wrap(labels), new long[] {n}));
      }
      Map<String, float[]> out = new LinkedHashMap<>();
      try (OrtSession.Result result = session.run(feed)) {
        for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
          FloatBuffer buffer = ((OnnxTensor) e.getValue()).getFloatBuffer();
          float[] values = new float[buffer.remaining()];
          buffer.get(values);
          out.put(e.getKey(), values);
        }
      }
      return out;
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
