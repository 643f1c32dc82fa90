package org.vae4j.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (set by Maven), or "dev" when run from classes. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"vae4j " + (version == null ? "dev" : version)
        + " (Java " + System.getProperty("java.version") + ")"};
  }
}
