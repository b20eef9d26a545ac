// Forced forms: every SW-LK conv gets the one asked for, whatever it had.
// RUN: sconv-opt %s --pass-pipeline='builtin.module(func.func(sconv-choose-sw-lk-form{form=plain}))' | FileCheck %s --check-prefix=PLAIN
// RUN: sconv-opt %s --pass-pipeline='builtin.module(func.func(sconv-choose-sw-lk-form{form=partition}))' | FileCheck %s --check-prefix=PARTITION
// PLAIN-COUNT-2: sconv.sw_lk_conv {{.*}}form = #sconv<sw_lk_form plain>
// PARTITION-COUNT-2: sconv.sw_lk_conv {{.*}}form = #sconv<sw_lk_form partition>

// Auto without a database: an op keeps the form it has, else gets the partition form.
// RUN: sconv-opt %s --sconv-choose-sw-lk-form | FileCheck %s --check-prefix=DEFAULT
// DEFAULT-LABEL: func.func @measured
// DEFAULT: form = #sconv<sw_lk_form partition>
// DEFAULT-LABEL: func.func @given
// DEFAULT: form = #sconv<sw_lk_form plain>

// Auto with a database: the form measured for the class (k^3 = 125, 16 x 16) on a GPU of a chip
// being compiled for wins over the op's own; a class the database lacks keeps the default.
// RUN: echo '{"format": "sconv-tuning", "version": 1, "devices": [{"device": {"target": "sm_90", "name": "H100", "features": "driver=13000,toolkit=13.0"}, "entries": [{"signature": {"volume": 125, "cin": 16, "cout": 16, "kind": "sw_lk", "precision": "f32"}, "form": "plain", "samples": 2}, {"signature": {"volume": 343, "cin": 16, "cout": 16, "kind": "sw_lk", "precision": "f32"}, "form": "partition", "samples": 2}]}]}' > %t.db.json
// RUN: sconv-opt %s --sconv-choose-sw-lk-form='db=%t.db.json gpu-chips=sm_90' | FileCheck %s --check-prefix=DB
// DB-LABEL: func.func @measured
// DB: form = #sconv<sw_lk_form plain>
// DB-LABEL: func.func @given
// DB: form = #sconv<sw_lk_form partition>
// A database measured on another chip does not apply.
// RUN: sconv-opt %s --sconv-choose-sw-lk-form='db=%t.db.json gpu-chips=sm_80' | FileCheck %s --check-prefix=DEFAULT
// A GPU's form is measured at its kernels' precision: f32 measurements do not decide for f16
// kernels, an f16 one does.
// RUN: sconv-opt %s --sconv-choose-sw-lk-form='db=%t.db.json gpu-chips=sm_90 gpu-precision=f16' | FileCheck %s --check-prefix=DEFAULT
// RUN: echo '{"format": "sconv-tuning", "version": 1, "devices": [{"device": {"target": "sm_90", "name": "H100", "features": ""}, "entries": [{"signature": {"volume": 125, "cin": 16, "cout": 16, "kind": "sw_lk", "precision": "f16"}, "form": "plain", "samples": 1}]}]}' > %t.f16.json
// RUN: sconv-opt %s --sconv-choose-sw-lk-form='db=%t.f16.json gpu-chips=sm_90 gpu-precision=f16' | FileCheck %s --check-prefix=F16
// RUN: sconv-opt %s --sconv-choose-sw-lk-form='db=%t.f16.json gpu-chips=sm_90' | FileCheck %s --check-prefix=DEFAULT
// F16-LABEL: func.func @measured
// F16: form = #sconv<sw_lk_form plain>

// Bad input: an unknown form, a corrupted database, a form entry that is neither.
// RUN: not sconv-opt %s --sconv-choose-sw-lk-form='form=dense' 2>&1 | FileCheck %s --check-prefix=BADFORM
// BADFORM: unknown SW-LK form 'dense' (expected auto, partition or plain)
// RUN: echo '{"format": "sconv-tuning", "version": 1, "devices": [' > %t.bad.json
// RUN: not sconv-opt %s --sconv-choose-sw-lk-form='db=%t.bad.json' 2>&1 | FileCheck %s --check-prefix=CORRUPT
// CORRUPT: tuning database '{{.*}}.bad.json' is corrupted (not valid JSON
// RUN: echo '{"format": "sconv-tuning", "version": 1, "devices": [{"device": {"target": "sm_90", "name": "H100", "features": ""}, "entries": [{"signature": {"volume": 125, "cin": 16, "cout": 16, "kind": "sw_lk"}, "form": "dense"}]}]}' > %t.form.json
// RUN: not sconv-opt %s --sconv-choose-sw-lk-form='db=%t.form.json' 2>&1 | FileCheck %s --check-prefix=ENTRY
// ENTRY: has an invalid configuration for k125 16x16 sw_lk f32 {{.*}}: SW-LK form 'dense' is not partition or plain
// RUN: echo '{"format": "sconv-tuning", "version": 1, "devices": [{"device": {"target": "cpu", "name": "x", "features": ""}, "entries": [{"signature": {"volume": 125, "cin": 16, "cout": 16, "kind": "sw_lk"}}]}]}' > %t.noform.json
// RUN: not sconv-opt %s --sconv-choose-sw-lk-form='db=%t.noform.json' 2>&1 | FileCheck %s --check-prefix=NOFORM
// NOFORM: has a malformed entry for device cpu | x |

!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>

func.func @measured(%x: !c16, %w: tensor<27x16x16xf32>, %pe: tensor<125x16xf32>) -> !c16 {
  %y = sconv.sw_lk_conv %x, %w pe %pe {kernel_size = 5 : i64} : (!c16, tensor<27x16x16xf32>, tensor<125x16xf32>) -> !c16
  return %y : !c16
}

func.func @given(%x: !c16, %w: tensor<27x16x16xf32>) -> !c16 {
  %y = sconv.sw_lk_conv %x, %w {kernel_size = 7 : i64, form = #sconv<sw_lk_form plain>} : (!c16, tensor<27x16x16xf32>) -> !c16
  return %y : !c16
}
