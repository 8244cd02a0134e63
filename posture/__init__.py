"""posture: security posture assessment of contact centers and the BPO vendors that run them."""

__version__ = "0.1.0"
