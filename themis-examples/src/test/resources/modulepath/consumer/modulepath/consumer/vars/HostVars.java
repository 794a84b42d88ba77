package modulepath.consumer.vars;

/** A host's own expression variable. */
public record HostVars(double load) {}
