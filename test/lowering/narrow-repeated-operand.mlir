// RUN: loom-opt %s -p narrow-partly-read-values | filecheck %s

// A pushed-through op that reads one value twice (found by the random-design fuzzer: a struct made from
// repeated bits): its producer is erased once, not looked at again after it went (a crash).
// CHECK-LABEL: hw.module @Twice
// CHECK-NOT: comb.xor {{.*}} : i4
// CHECK: hw.output
hw.module @Twice(in %a : i4, in %b : i4, out o : i2) {
  %x = comb.xor %a, %b : i4
  %c = comb.concat %x, %x : i4, i4
  %m = comb.and %c, %c : i8
  %o = comb.extract %m from 3 : (i8) -> i2
  hw.output %o : i2
}
