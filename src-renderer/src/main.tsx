import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startWorkbench } from './app/startWorkbench';
import 'react-json-view-lite/dist/index.css';
import './styles/theme.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void startWorkbench();
