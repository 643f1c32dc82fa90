package org.vae4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vae4j.UsageError;
import org.vae4j.export.OnnxExport;
import org.vae4j.model.Architecture;
import org.vae4j.model.ModelFile;
import org.vae4j.nn.Parallel;
import org.vae4j.nn.ReferenceGemm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** vae4j export: a trained model as files other runtimes load (ONNX). */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Export a trained model (a folder written by 'vae4j train') for other runtimes: "
        + "encoder.onnx (x -> mean, logvar) and decoder.onnx (z -> pixels), with the model's sizes, pixel "
        + "scaling and likelihood in their metadata."})
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "Run folder holding model.safetensors")
  Path model;

  @Option(names = "--format", defaultValue = "onnx", paramLabel = "FORMAT",
      description = "onnx (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the files (default: <model>/onnx)")
  Path out;

  @Mixin
  VerboseOption verbose;

  @Override
  public Integer call() {
    if (!format.equals("onnx")) {
      throw new UsageError("--format must be onnx, got '" + format + "'");
    }
    Path outDir = out != null ? out : model.resolve("onnx");
    // Loading computes nothing: the reference engine only satisfies the model's constructor.
    ModelFile.Loaded loaded = RunFolder.model(model, new ReferenceGemm(), Parallel.SERIAL);
    TrainCommand.prepareOutDir(outDir);
    boolean intoTheRun = outDir.toAbsolutePath().normalize().startsWith(model.toAbsolutePath().normalize());
    RunLock.acquire(intoTheRun ? model : outDir);
    List<Path> files = OnnxExport.write(outDir, loaded.vae(), loaded.config());
    Architecture a = loaded.vae().architecture();
    String label = a.conditional() ? ", label (N) int64 0.." + (a.classes() - 1) : "";
    System.out.println("wrote " + files.get(0) + ": x (N, " + a.input() + ")" + label + " -> mean, logvar (N, "
        + a.latent() + ")");
    System.out.println("wrote " + files.get(1) + ": z (N, " + a.latent() + ")" + label + " -> pixels (N, "
        + a.input() + "), the " + a.likelihood().name() + " mean of each pixel, in [0, 1]");
    return 0;
  }
}
