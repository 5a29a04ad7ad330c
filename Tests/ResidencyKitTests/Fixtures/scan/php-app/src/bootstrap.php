<?php

use Segment\Segment;

# Segment::init("phpCommentedOut00001");
Segment::init("phpEUwriteKey00000001", array(
    "host" => "events.eu1.segmentapis.com",
    "consumer" => "lib_curl",
));

Segment::init(getenv('SEGMENT_WRITE_KEY'), ["host" => $_ENV['SEGMENT_HOST']]);
