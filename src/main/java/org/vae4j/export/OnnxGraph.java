package org.vae4j.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ONNX graph as it is written: inputs and outputs whose first dimension is the batch, named N; constant
 * tensors (initializers); and nodes, each output a fresh name unless the caller names it.
 */
final class OnnxGraph {
  /** The symbolic batch dimension of every input and output. */
  static final String BATCH = "N";
  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> names = new HashSet<>();

  OnnxGraph(String name, String doc) {
    graph.setName(name).setDocString(doc);
  }

  /** A float input of shape (N, width). */
  String floatInput(String name, int width) {
    graph.addInput(value(claim(name), TensorProto.DataType.FLOAT, width));
    return name;
  }

  /** An int64 input of shape (N). */
  String int64Input(String name) {
    graph.addInput(value(claim(name), TensorProto.DataType.INT64));
    return name;
  }

  /** Declares the value name, which a node must produce, as a float output of shape (N, width). */
  void floatOutput(String name, int width) {
    graph.addOutput(value(name, TensorProto.DataType.FLOAT, width));
  }

  // values[offset, offset + prod(shape)) as a constant float tensor of this shape
  String floats(String name, int[] shape, float[] values, int offset) {
    int n = 1;
    TensorProto.Builder t = TensorProto.newBuilder().setName(claim(name))
        .setDataType(TensorProto.DataType.FLOAT.getNumber());
    for (int dim : shape) {
      t.addDims(dim);
      n *= dim;
    }
    ByteBuffer bytes = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values, offset, n);
    graph.addInitializer(t.setRawData(ByteString.copyFrom(bytes)));
    return name;
  }

  /** A constant int64 vector. */
  String int64s(String name, long... values) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asLongBuffer().put(values);
    graph.addInitializer(TensorProto.newBuilder().setName(claim(name)).addDims(values.length)
        .setDataType(TensorProto.DataType.INT64.getNumber()).setRawData(ByteString.copyFrom(bytes)));
    return name;
  }

  /** A node of the default domain with one output, named output (or a fresh name after op when null). */
  String node(String op, List<String> inputs, String output, AttributeProto... attributes) {
    String out = output != null ? claim(output) : fresh(op.toLowerCase(java.util.Locale.ROOT));
    graph.addNode(NodeProto.newBuilder().setOpType(op).setName(out).addAllInput(inputs).addOutput(out)
        .addAllAttribute(List.of(attributes)));
    return out;
  }

  static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  static AttributeProto integers(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  GraphProto build() {
    return graph.build();
  }

  /** A name not used yet: base, or base_2, base_3, ... */
  String fresh(String base) {
    String name = base;
    for (int i = 2; names.contains(name); i++) {
      name = base + "_" + i;
    }
    return claim(name);
  }

  private String claim(String name) {
    if (!names.add(name)) {
      throw new IllegalArgumentException("ONNX value " + name + " defined twice");
    }
    return name;
  }

  // (N, dims...) of the given element type
  private static ValueInfoProto value(String name, TensorProto.DataType type, int... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    shape.addDimBuilder().setDimParam(BATCH);
    for (int d : dims) {
      shape.addDimBuilder().setDimValue(d);
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
  }
}
