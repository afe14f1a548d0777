"""Put a sound track into video.mp4 (AAC, sample-aligned with the frames) and read it back; write audio.wav."""

from __future__ import annotations

import os
import wave
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

AAC_FRAME = 1024


def n_samples(frames: int, fps: float, sr: int) -> int:
    """Samples of a clip of ``frames`` frames: the audio ends exactly where the video does."""
    return int(round(frames * sr / fps))


def mux_audio(video: str | Path, samples: np.ndarray, sample_rate: int, bitrate_kbps: int = 128) -> None:
    """Rewrite ``video`` with an AAC track of ``samples`` ([n, channels] float in -1..1) starting at frame 0.

    The video packets are copied (no re-encode); the mp4 muxer's edit list hides the AAC priming samples, so
    decoders return exactly ``n`` samples starting at time 0.
    """
    video = Path(video)
    tmp = video.with_name(video.stem + ".mux" + video.suffix)
    x = np.ascontiguousarray(np.clip(samples, -1, 1).T.astype(np.float32))  # planar [channels, n]
    layout = "mono" if x.shape[0] == 1 else "stereo"
    # a 1/sample-rate movie timescale keeps the edit list (and so the decoded length) sample-exact
    with (
        av.open(str(video)) as src,
        av.open(str(tmp), "w", options={"movie_timescale": str(sample_rate)}) as dst,
    ):
        vin = src.streams.video[0]
        vout = dst.add_stream_from_template(vin)
        aout = dst.add_stream("aac", rate=sample_rate, layout=layout)
        aout.bit_rate = int(bitrate_kbps * 1000)
        aout.codec_context.time_base = Fraction(1, sample_rate)
        for pkt in src.demux(vin):
            if pkt.dts is None:
                continue
            pkt.stream = vout
            dst.mux(pkt)
        for start in range(0, x.shape[1], AAC_FRAME):
            chunk = x[:, start : start + AAC_FRAME]
            frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(chunk), format="fltp", layout=layout)
            frame.sample_rate = sample_rate
            frame.pts = start
            frame.time_base = Fraction(1, sample_rate)
            for pkt in aout.encode(frame):
                dst.mux(pkt)
        for pkt in aout.encode(None):
            dst.mux(pkt)
    os.replace(tmp, video)


def read_audio(path: str | Path) -> tuple[np.ndarray, int]:
    """Decode the first audio stream of a media file, cut to the stream's duration: ([n, ch] float32, rate)."""
    with av.open(str(path)) as container:
        if not container.streams.audio:
            raise ValueError(f"{path}: no audio stream")
        stream = container.streams.audio[0]
        chunks = [f.to_ndarray() for f in container.decode(stream)]
        sr = stream.codec_context.sample_rate
        duration = stream.duration * stream.time_base * sr if stream.duration else None
    x = np.concatenate(chunks, axis=1) if chunks else np.zeros((1, 0), dtype=np.float32)
    if duration is not None:  # AAC pads its last frame: the stream's duration (edit list) says where it ends
        x = x[:, : int(round(duration))]
    if x.dtype.kind == "i":
        x = x.astype(np.float32) / np.iinfo(x.dtype).max
    return np.ascontiguousarray(x.T.astype(np.float32)), int(sr)


def write_wav(path: str | Path, samples: np.ndarray, sample_rate: int) -> None:
    """Lossless 24-bit PCM WAV of [n, channels] float samples."""
    x = np.clip(np.asarray(samples, dtype=np.float64), -1, 1)
    ints = np.round(x * (2**23 - 1)).astype("<i4")
    raw = ints.view(np.uint8).reshape(-1, 4)[:, :3].tobytes()  # little-endian: drop the top byte
    with wave.open(str(path), "wb") as w:
        w.setnchannels(x.shape[1])
        w.setsampwidth(3)
        w.setframerate(sample_rate)
        w.writeframes(raw)


def read_wav(path: str | Path) -> tuple[np.ndarray, int]:
    """Read a 16- or 24-bit PCM WAV as ([n, channels] float32, sample rate)."""
    with wave.open(str(path), "rb") as w:
        ch, width, sr, n = w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()
        raw = np.frombuffer(w.readframes(n), dtype=np.uint8)
    if width == 3:
        b = raw.reshape(-1, 3)
        ints = b[:, 0].astype(np.int32) | (b[:, 1].astype(np.int32) << 8) | (b[:, 2].astype(np.int32) << 16)
        ints = np.where(ints >= 2**23, ints - 2**24, ints)
        x = ints / (2**23 - 1)
    else:
        x = np.frombuffer(raw.tobytes(), dtype="<i2") / 32767.0
    return x.reshape(-1, ch).astype(np.float32), sr


def flac_bytes(samples: np.ndarray, sample_rate: int) -> bytes:
    """A FLAC file (16-bit) of [n, channels] float samples, in memory (WebDataset members)."""
    import io

    x = np.ascontiguousarray(np.round(np.clip(samples, -1, 1).T * 32767).astype(np.int16))
    layout = "mono" if x.shape[0] == 1 else "stereo"
    buf = io.BytesIO()
    with av.open(buf, "w", format="flac") as out:
        stream = out.add_stream("flac", rate=sample_rate, layout=layout)
        for start in range(0, x.shape[1], 4096):
            chunk = np.ascontiguousarray(x[:, start : start + 4096])
            frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1, order="F"), format="s16", layout=layout)
            frame.sample_rate = sample_rate
            frame.pts = start
            for pkt in stream.encode(frame):
                out.mux(pkt)
        for pkt in stream.encode(None):
            out.mux(pkt)
    return buf.getvalue()


def clip_audio(folder: str | Path, label: dict) -> np.ndarray:
    """A clip's track: audio.wav when it was kept (lossless), else decoded from video.mp4."""
    folder = Path(folder)
    if label.get("wav") and (folder / label["wav"]).exists():
        return read_wav(folder / label["wav"])[0]
    return read_audio(folder / label.get("file", "video.mp4"))[0]


def check_track(video: str | Path, label: dict | None) -> list[str]:
    """Problems of a clip's sound: the mp4 has an audio stream exactly when labelled, of the labelled length."""
    with av.open(str(video)) as c:
        streams = list(c.streams.audio)
        if not streams:
            return (
                [f"{Path(video).name}: labels have an audio block but the video has no audio"]
                if label
                else []
            )
        if not label:
            return [f"{Path(video).name}: audio stream present but labels have no audio block"]
        s = streams[0]
        out = []
        if s.codec_context.sample_rate != label["sample_rate"]:
            out.append(
                f"{Path(video).name}: audio at {s.codec_context.sample_rate} Hz, labels say {label['sample_rate']}"
            )
        n = int(round(s.duration * s.time_base * s.codec_context.sample_rate)) if s.duration else -1
        if n != label["samples"]:
            out.append(f"{Path(video).name}: audio lasts {n} samples, labels say {label['samples']}")
        return out
