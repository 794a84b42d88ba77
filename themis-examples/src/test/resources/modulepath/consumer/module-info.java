// A host application on the module path (compiled and run by ModulePathTest): it names only Themis's modules.
module modulepath.consumer {
  requires dev.themis.kinesis;
  requires dev.themis.emr;
  requires dev.themis.testkit; // the simulated Kinesis cloud (an automatic module)

  // Expressions are compiled into classes of an unnamed module: a host's variable types must be exported.
  exports modulepath.consumer.vars;

  uses dev.themis.spi.ResourceProvider;
}
