"""Writes the two notification sounds (issue 15, DOD-9): L1, a customer,
two rising bright notes; L2, the team, two soft falling notes. 22.05 kHz
mono 16-bit WAV, which Android (res/raw), iOS (the bundle) and desktops
play. Run: python3 make.py"""
import math
import struct
import wave


def tone(freqs, durs, name, vol=0.5, rate=22050):
    frames = []
    for f, d in zip(freqs, durs):
        n = int(rate * d)
        for i in range(n):
            t = i / rate
            env = min(1.0, i / (0.01 * rate)) * math.exp(-4.0 * t / d)
            v = 0.0 if f == 0 else vol * env * (math.sin(2 * math.pi * f * t) + 0.25 * math.sin(4 * math.pi * f * t)) / 1.25
            frames.append(int(max(-1, min(1, v)) * 32767))
    w = wave.open(name, "wb")
    w.setnchannels(1)
    w.setsampwidth(2)
    w.setframerate(rate)
    w.writeframes(b"".join(struct.pack("<h", x) for x in frames))
    w.close()


tone([880, 1318.5], [0.12, 0.26], "saga_l1.wav")
tone([659.3, 0, 523.3], [0.14, 0.05, 0.22], "saga_l2.wav", vol=0.45)
