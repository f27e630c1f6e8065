// The page `aslkit view` serves: one viewer connected to the server's API.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import '@xyflow/react/dist/style.css';
import '../src/style.css';
import { ExecutionViewer, createRemoteSource, elkWorkerEngine } from '../src/index.js';

const source = createRemoteSource(new URL('api', document.baseURI).pathname);
const layoutEngine = elkWorkerEngine(elkWorkerUrl);
const theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ExecutionViewer source={source} layoutEngine={layoutEngine} theme={theme} />
  </StrictMode>,
);
