import { cssFamilies } from '../src/compose/css-fonts.js';
console.log(cssFamilies(`a{font-family:"Noto Sans", Arial, sans-serif} /* font-family: X */ b{font: 600 12pt/1.2 'Brand Sans', serif;} c{font:caption} d{font-family: serif} @font-face{font-family:"Leak";src:url(x)} e{font-family: var(--f)} f{font: inherit}`));
