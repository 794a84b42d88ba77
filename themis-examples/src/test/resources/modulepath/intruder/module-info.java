// A module that imports a provider's internal package (ModulePathTest expects javac to refuse it).
module modulepath.intruder {
  requires dev.themis.kinesis;
}
