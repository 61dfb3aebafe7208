"""Audio and video files of 音视频解读, recognised by their content (magic bytes), not their name."""

from dataclasses import dataclass

from django.conf import settings

from gongkai.core.errors import ValidationFailed

DEFAULT_MAX_MEDIA_MB = 200


@dataclass(frozen=True)
class MediaKind:
    mime: str
    extension: str
    label: str


def max_media_bytes() -> int:
    return int(getattr(settings, "GONGKAI_MAX_MEDIA_MB", DEFAULT_MAX_MEDIA_MB)) * 1024 * 1024


def detect_media(data: bytes, filename: str) -> MediaKind:
    head = data[:16]
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand.startswith(b"M4A"):
            return MediaKind("audio/mp4", "m4a", "M4A 音频")
        return MediaKind("video/mp4", "mp4", "MP4 视频")
    if head.startswith(b"ID3") or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return MediaKind("audio/mpeg", "mp3", "MP3 音频")
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return MediaKind("video/webm", "webm", "WebM 视频")
    if head.startswith(b"OggS"):
        return MediaKind("audio/ogg", "ogg", "Ogg 音频")
    raise ValidationFailed("只能上传 MP4、M4A、MP3、WebM 或 Ogg 格式的音视频文件。", field="file")
