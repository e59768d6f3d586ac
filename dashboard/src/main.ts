import './components/si-app.ts';
