# lit configuration for sconv's IR and tool tests.
import os
import lit.formats

config.name = "sconv"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.sconv_obj_root, "test", "lit")
config.excludes = ["lit.cfg.py", "lit.site.cfg.py.in", "CMakeLists.txt", "Inputs"]

# Our tools first, then LLVM 22's FileCheck/not/count (the unversioned ones on PATH are LLVM 14).
path = os.pathsep.join([config.sconv_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
config.environment["PATH"] = path
config.substitutions.append(("%sconv_data", config.sconv_data_dir))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
config.substitutions.append(("%sconv_gpu_ptx", config.sconv_gpu_ptx_dir))  # runtime/cuda device code

# PTX assembly tests need ptxas from the CUDA toolkit; without it they are reported UNSUPPORTED.
if config.ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", config.ptxas))
