# careatlas_warnings(TARGET): the project's warning set; -Werror with CAREATLAS_WERROR.
function(careatlas_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
  # GCC 12 reports false -Wrestrict / -Wmaybe-uninitialized positives inside libstdc++'s
  # std::string and std::optional at -O2 (GCC bugs 105329, 105651); keep them as warnings.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-error=restrict -Wno-error=maybe-uninitialized)
  endif()
  if(CAREATLAS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
