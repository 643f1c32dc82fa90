package org.vae4j.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vae4j.UsageError;
import org.vae4j.UserError;
import org.vae4j.eval.ClassifierCache;
import org.vae4j.serve.Explorer;
import org.vae4j.serve.ExplorerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** vae4j serve: a local web page exploring the latent space of a run's or an experiment's models. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Explore trained models in the browser: the latent map of the test images, sliders per latent "
        + "dimension, drawing a digit (encoded, scored, classified, its nearest training images) and interpolation. "
        + "Serves a run folder or an experiment folder (one subfolder per model) on 127.0.0.1; only reads them. "
        + "API: docs/serve.md."})
final class ServeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FOLDER", description = "A run folder (model.safetensors) or an experiment "
      + "folder (subfolders with model.safetensors)")
  Path folder;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
  String host;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "N",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the four IDX files of the models' "
      + "dataset; otherwise found as 'vae4j train' finds it")
  Path dataDir;

  @Option(names = "--classifier-cache", paramLabel = "DIR", description = "Where the digit classifier is cached "
      + "(default: $XDG_CACHE_HOME/vae4j/classifier or ~/.cache/vae4j/classifier; trained there once if missing)")
  Path classifierCache;

  @Option(names = "--no-classifier", description = "Show no classifier's guesses (and train none)")
  boolean noClassifier;

  @Mixin
  EngineOptions engine;

  @Mixin
  VerboseOption verbose;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (port < 0 || port > 65535) {
      throw new UsageError("--port must be 0 to 65535, got " + port);
    }
    int workers = OptionChecks.requirePositive("--threads", engine.threads);
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new UsageError("--host: no such address '" + host + "'");
    }
    Path cache = noClassifier ? null : classifierCache != null ? classifierCache : ClassifierCache.defaultDir();
    Explorer explorer = Explorer.open(folder, Explorer.Options.defaults(dataDir, engine.engine, workers, cache),
        System.err);
    ExplorerServer server;
    try {
      server = explorer.serve(new ExplorerServer.Settings(host, port, ExplorerServer.Settings.DEFAULT_BODY_LIMIT,
          ExplorerServer.Settings.DEFAULT_BODY_TIMEOUT, 64), System.err);
    } catch (BindException e) {
      throw new UserError("--port " + port + " on " + host + ": " + e.getMessage() + "; pick another, or --port 0 for "
          + "any free one");
    }
    if (!address.isLoopbackAddress()) {
      System.err.println("vae4j serve: listening on " + host + ", not only this machine: anyone who reaches it on port "
          + server.address().getPort() + " can read, without a password, the models' decoded images and the test and "
          + "training images they are shown with (the API only reads; see docs/serve.md)");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    System.out.println("vae4j serve: " + server.uri() + " (" + String.join(", ", explorer.models())
        + "); Ctrl-C stops");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
