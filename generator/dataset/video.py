"""H.264 video through PyAV: encode frames in-process, and probe a video's frame count and rate."""

from __future__ import annotations

import os
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np


def encode_mp4(
    frames: Iterable[np.ndarray], path: str | Path, fps: int, crf: int = 20, keyframe_s: float = 2.0
) -> int:
    """Encode HxWx3 uint8 RGB frames to H.264 MP4 (yuv420p, constant rate); returns frames written."""
    n = 0
    with av.open(str(path), "w") as container:
        stream = None
        for frame in frames:
            if stream is None:
                h, w = frame.shape[:2]
                stream = container.add_stream("libx264", rate=Fraction(fps))
                stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
                stream.options = {
                    "crf": str(crf),
                    "preset": "veryfast",
                    "g": str(max(1, int(fps * keyframe_s))),
                }
                stream.codec_context.time_base = Fraction(1, fps)
            for pkt in stream.encode(av.VideoFrame.from_ndarray(np.ascontiguousarray(frame), format="rgb24")):
                container.mux(pkt)
            n += 1
        if stream is not None:
            for pkt in stream.encode():
                container.mux(pkt)
    return n


def probe(path: str | Path) -> tuple[int, float, int, int]:
    """Decode a video fully: (frames decoded, average fps, width, height)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        n = sum(1 for _ in container.decode(stream))
        rate = float(stream.average_rate) if stream.average_rate else 0.0
        return n, rate, stream.codec_context.width, stream.codec_context.height


def read_frames(path: str | Path) -> list[np.ndarray]:
    """All frames of a video as RGB uint8 arrays."""
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(container.streams.video[0])]


def write_wav(path: str | Path, samples: np.ndarray, rate: int) -> None:
    """Float samples in [-1, 1] ((N,) or (N, channels)) as 16-bit PCM WAV."""
    import wave

    s = np.asarray(samples, dtype=np.float32)
    s = s[:, None] if s.ndim == 1 else s
    pcm = (np.clip(s, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(pcm.shape[1])
        w.setsampwidth(2)
        w.setframerate(int(rate))
        w.writeframes(pcm.tobytes())


def mux_audio(video: str | Path, samples: np.ndarray, rate: int, wav: str | Path | None = None) -> None:
    """Add an AAC audio track to an MP4 in place (video packets copied, not re-encoded); ``wav`` also
    writes the samples as a WAV file."""
    video = Path(video)
    s = np.asarray(samples, dtype=np.float32)
    s = s[:, None] if s.ndim == 1 else s
    if wav is not None:
        write_wav(wav, s, rate)
    tmp = video.with_name(video.stem + ".mux.mp4")
    layout = "mono" if s.shape[1] == 1 else "stereo"
    with av.open(str(video)) as src, av.open(str(tmp), "w") as dst:
        vin = src.streams.video[0]
        vout = dst.add_stream_from_template(vin)
        aout = dst.add_stream("aac", rate=int(rate), layout=layout)
        for pkt in src.demux(vin):
            if pkt.dts is None:
                continue
            pkt.stream = vout
            dst.mux(pkt)
        planar = np.ascontiguousarray(s.T)  # fltp: one row per channel
        step = 1024
        for i in range(0, planar.shape[1], step):
            frame = av.AudioFrame.from_ndarray(planar[:, i : i + step], format="fltp", layout=layout)
            frame.sample_rate = int(rate)
            frame.pts = i
            for pkt in aout.encode(frame):
                dst.mux(pkt)
        for pkt in aout.encode():
            dst.mux(pkt)
    os.replace(tmp, video)
