<?php
// The options come from the application's configuration: they may set the host.
Segment::init("phpOptionsKey00000002", (array) config('segment.options'));
