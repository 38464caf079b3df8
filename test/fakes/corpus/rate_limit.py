"""令牌桶限流器。

每个调用方一个桶：桶里最多存放 capacity 个令牌，每秒补充 rate 个。
请求先取令牌，取不到就等待或直接拒绝。
"""

import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional


@dataclass
class Bucket:
    """一个令牌桶的状态。"""

    capacity: float
    rate: float
    tokens: float = 0.0
    updated_at: float = field(default_factory=time.monotonic)

    def refill(self, now: float) -> None:
        # 按经过的时间补充令牌，但不超过容量
        elapsed = max(0.0, now - self.updated_at)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.updated_at = now


class RateLimiter:
    """按键（例如 API 密钥）分别限流。"""

    def __init__(self, capacity: float, rate: float, clock: Callable[[], float] = time.monotonic):
        if capacity <= 0 or rate <= 0:
            raise ValueError("capacity 和 rate 必须大于 0")
        self._capacity = capacity
        self._rate = rate
        self._clock = clock
        self._buckets: Dict[str, Bucket] = {}
        self._lock = threading.Lock()

    def _bucket(self, key: str) -> Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            # 新的调用方从满桶开始
            bucket = Bucket(self._capacity, self._rate, self._capacity, self._clock())
            self._buckets[key] = bucket
        return bucket

    def try_acquire(self, key: str, cost: float = 1.0) -> bool:
        """立即尝试取令牌；成功返回 True。"""
        with self._lock:
            bucket = self._bucket(key)
            bucket.refill(self._clock())
            if bucket.tokens >= cost:
                bucket.tokens -= cost
                return True
            return False

    def wait_time(self, key: str, cost: float = 1.0) -> float:
        """还要等多少秒才能取到 cost 个令牌。"""
        with self._lock:
            bucket = self._bucket(key)
            bucket.refill(self._clock())
            missing = cost - bucket.tokens
            return 0.0 if missing <= 0 else missing / self._rate

    def acquire(self, key: str, cost: float = 1.0, timeout: Optional[float] = None) -> bool:
        """阻塞直到取到令牌；超时返回 False。"""
        deadline = None if timeout is None else self._clock() + timeout
        while not self.try_acquire(key, cost):
            delay = self.wait_time(key, cost)
            if deadline is not None and self._clock() + delay > deadline:
                return False
            time.sleep(delay)
        return True
