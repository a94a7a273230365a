"""The driver: from a Generator to SystemVerilog, above the frontend and the lowering.

``loom.verilog`` / ``loom.emit`` (``backend.py``), the kratos-style ``PassManager`` and
``VerilogModule`` (``pass_manager.py``), ``loom.Design`` (``design.py``), ``loom.ir``
(``ir_text.py``), ``loom.struct_info`` and translation validation (``validate.py``) each
elaborate with the frontend and then run pipelines of the lowering; neither of those layers
imports this one.
"""
