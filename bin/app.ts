#!/usr/bin/env node
import { createDuchaApp } from '../lib/app';

// `npx cdk synth` / `npx cdk deploy` (-c mailSender=... -c sesIdentity=...).
createDuchaApp().app.synth();
