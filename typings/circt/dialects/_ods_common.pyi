from typing import Any

_cext: Any
def __getattr__(name: str) -> Any: ...
