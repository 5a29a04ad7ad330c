import requests

TRACK_URL = "https://api.segment.io/v1/track"


def track(event):
    # requests.post("https://events.eu1.segmentapis.com/v1/track", json=event)
    return requests.post(TRACK_URL, json=event, auth=("pythonRawKey", ""))
