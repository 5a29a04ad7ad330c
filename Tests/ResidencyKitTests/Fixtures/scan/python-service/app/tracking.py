"""Segment for the billing service.

Example (not code): analytics.host = 'https://api.segment.io'
"""
import os

import segment.analytics as analytics
from segment.analytics import Client

analytics.write_key = 'pythonEUwriteKey00001'
analytics.host = 'https://events.eu1.segmentapis.com'

# A /v1 in host is doubled: Python appends /v1/batch itself.
reports = Client('pythonClientKey000002', host='https://events.eu1.segmentapis.com/v1')

batch = Client(write_key=os.getenv('SEGMENT_WRITE_KEY'), host=os.environ.get('SEGMENT_HOST', 'https://api.segment.io'))
