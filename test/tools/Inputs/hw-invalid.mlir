hw.module @A(in %a: i8, out o: i8) {
  hw.output
}
